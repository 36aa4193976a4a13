/**
 * The {@code mtl} command line: {@link org.mtl4j.cli.MtlCommand} is the root command and every tool
 * (train, eval, convert, export, validate, predict, serve, score, inspect, ...) is one of its
 * picocli subcommands. {@link org.mtl4j.cli.Main} is the only place that exits: 0 when a command
 * succeeds, 1 when a check or job fails, 2 on bad usage or input.
 */
package org.mtl4j.cli;
