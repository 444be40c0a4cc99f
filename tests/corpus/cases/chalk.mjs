// @node-only: colors depend on the terminal (none for a pipe).
import chalk, { supportsColor } from "chalk";
console.log(chalk.red("red"), chalk.bold.blue("bold blue"), JSON.stringify(chalk.level));
console.log(typeof chalk.hex, chalk.rgb(1, 2, 3)("rgb"), JSON.stringify(supportsColor));
