const Greeting = ({ who }: { who: string }) => <p>hello {who}</p>;

const app = (
  <main>
    <Greeting who="dev" key="g" />
    <>
      <span>a</span>
      <span>b</span>
    </>
  </main>
);
console.log(app.type);
Greeting({ who: "again" });
