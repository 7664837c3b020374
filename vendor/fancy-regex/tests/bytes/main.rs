mod captures;
mod matching;
