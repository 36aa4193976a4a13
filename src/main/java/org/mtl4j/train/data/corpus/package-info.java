/**
 * Corpora that become task folders: raw SNIPS ({@link org.mtl4j.train.data.corpus.SnipsFormat}) and
 * CoNLL-2003 ({@link org.mtl4j.train.data.corpus.ConllFormat}) files, the built-in demo data
 * ({@link org.mtl4j.train.data.corpus.DemoCorpus}), and the writer that turns a corpus into TSV
 * files, label files and a ready {@code tasks.yml} ({@link
 * org.mtl4j.train.data.corpus.TaskFolderWriter}).
 */
package org.mtl4j.train.data.corpus;
