import shared from "shared";
import user from "user";
user.bumpShared();
user.bumpShared();
console.log("one instance through two symlinks:", shared.counter);
