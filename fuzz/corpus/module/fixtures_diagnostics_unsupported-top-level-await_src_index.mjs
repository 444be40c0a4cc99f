const data = await Promise.resolve(1);
console.log(data);
