// The two word-cloud packages ship no type declarations; only what wordcloud.ts uses.
declare module 'stopword' {
	export const fra: string[];
	export const eng: string[];
}
declare module 'snowball-stemmers' {
	const snowball: { newStemmer(language: string): { stem(word: string): string } };
	export default snowball;
}
