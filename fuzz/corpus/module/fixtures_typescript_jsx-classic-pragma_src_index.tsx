// h and Fragment are used only by JSX: the imports must stay.
import { h, Fragment } from "./dom";
import { card } from "./card";

function Title({ text }: { text: string }) {
  return <h1>{text}</h1>;
}

const page = (
  <>
    <Title text="hi" />
    <p id="x" {...{ hidden: false }}>
      one {"two"} <b>three</b>
    </p>
    {card("c")}
  </>
);
console.log(JSON.stringify(page.type), page.children.length);
