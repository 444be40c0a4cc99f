import { Button } from "./Button";

type ItemProps = { name: string; done?: boolean };

function Item({ name, done = false }: ItemProps) {
  return <li className={done ? "done" : undefined}>{name}</li>;
}

function List(props: { items: ItemProps[] }) {
  return (
    <>
      <h1 title="todo">Todo ({props.items.length})</h1>
      <ul>
        {props.items.map((item) => (
          <Item key={item.name} {...item} />
        ))}
      </ul>
      <Button label="add" data-x={1} />
    </>
  );
}

const tree = List({ items: [{ name: "write" }, { name: "test", done: true }] });
console.log("root:", typeof tree.type === "symbol" ? "Fragment" : tree.type);
