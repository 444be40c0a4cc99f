import semver from "semver";
console.log(semver.satisfies("1.2.3", "^1.0.0"), semver.gt("2.0.0", "1.9.9"), semver.coerce("v3.4").version);
console.log(semver.maxSatisfying(["1.2.3", "1.4.0", "2.0.0"], "~1.4"), semver.inc("1.2.3", "prerelease", "beta"));
console.log(semver.sort(["1.10.0", "1.2.0", "1.9.0"]).join(), semver.validRange(">=1.2 <2 || 3.x"));
