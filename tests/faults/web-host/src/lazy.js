export default "lazy chunk of the host";
