import * as yup from "yup";
// Top-level await is issue #16: the case runs in an async function.
(async () => {
  const schema = yup.object({ name: yup.string().required(), age: yup.number().min(18) });
  console.log(JSON.stringify(await schema.validate({ name: "Bo", age: "21" })));
  try {
    await schema.validate({ age: 3 }, { abortEarly: false });
  } catch (e) {
    console.log(e.name, e.errors.join(" | "));
  }
})();
