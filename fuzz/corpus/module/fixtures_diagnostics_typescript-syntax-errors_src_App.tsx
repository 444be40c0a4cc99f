type Props = { title: string };
export function App({ title }: Props) {
  return <h1 title={title}>{title</h1>;
}
