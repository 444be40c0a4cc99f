const log = (s: string) => console.log(s);

function tag(name: string) {
  log(`evaluate @tag(${name})`);
  return function (target: any, key?: string | symbol, desc?: any): any {
    const where = typeof target === "function" ? "static/class" : "prototype";
    log(`apply @tag(${name}) on ${key === undefined ? "class " + target.name : where + " " + String(key)}`);
  };
}

function sealed<T extends { new (...args: any[]): {} }>(ctor: T) {
  log(`seal ${ctor.name}`);
  return class extends ctor {
    sealedAt = "construction";
  };
}

function logged(target: any, key: string, desc: PropertyDescriptor) {
  const original = desc.value;
  desc.value = function (this: any, ...args: any[]) {
    log(`call ${key}(${args.join(", ")})`);
    return original.apply(this, args);
  };
  return desc;
}

function param(index: number) {
  return (target: any, key: string | undefined, i: number) =>
    log(`param decorator ${index} at ${String(key)}[${i}]`);
}

function defaultValue(value: unknown) {
  return (target: any, key: string) => {
    log(`property ${key}`);
    Object.defineProperty(target, key, { value, writable: true, configurable: true });
  };
}

@sealed
@tag("outer")
class Service {
  @tag("field") @defaultValue(42)
  answer!: number;

  @tag("static") static version = "1.0";

  constructor(@param(0) public readonly name: string) {
    log(`construct ${name}`);
  }

  @logged
  @tag("method")
  greet(@param(1) who: string, @param(2) punct = "!"): string {
    return `${this.name} greets ${who}${punct}`;
  }

  @tag("accessor")
  get upper(): string {
    return this.name.toUpperCase();
  }
}

const s = new Service("svc");
log(s.greet("you"));
log(`${(s as any).sealedAt} ${Service.version} ${s.upper}`);
log(`answer on prototype: ${Object.getPrototypeOf(Object.getPrototypeOf(s)).answer}`);
