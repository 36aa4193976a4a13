/**
 * Task files: the YAML that names a model's tasks, their type, labels, loss, metrics and data
 * files. {@link org.mtl4j.train.tasks.TaskFile#read(java.nio.file.Path)} parses and validates one;
 * every error names the file, the task and the line.
 */
package org.mtl4j.train.tasks;
