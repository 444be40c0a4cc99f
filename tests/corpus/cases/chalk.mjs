// @node-only: colors depend on the terminal (none for a pipe).
import chalk from "chalk";
const c = new chalk.constructor ? chalk : chalk;
console.log(chalk.red("red"), chalk.bold.blue("bold blue"), JSON.stringify(chalk.level));
console.log(typeof c.hex, chalk.rgb(1, 2, 3)("rgb"));
