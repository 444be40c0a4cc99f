if (process.env.NODE_ENV !== "production") {
  console.log("development branch");
}
console.log(process.env.NODE_ENV);
