import { from, of, combineLatest, lastValueFrom } from "rxjs";
import { filter, map, reduce, scan, take } from "rxjs/operators";
// Top-level await is issue #16: the case runs in an async function.
(async () => {
  const out = [];
  from([1, 2, 3, 4, 5]).pipe(filter((x) => x % 2), map((x) => x * 10)).subscribe((x) => out.push(x));
  console.log(out.join());
  of(1, 2, 3).pipe(scan((a, b) => a + b, 0), take(2)).subscribe((x) => console.log("scan", x));
  combineLatest([of("a"), of(1, 2)]).subscribe(([a, n]) => console.log(a + n));
  console.log("sum", await lastValueFrom(from([1, 2, 3]).pipe(reduce((a, b) => a + b, 0))));
})();
