// Font files are bundled by Remotion's webpack config as assets: importing one gives its URL.
declare module '*.woff2' {
	const url: string;
	export default url;
}
