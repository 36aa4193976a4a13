/**
 * The training report of a model package: {@code training/report.html} with charts (XChart PNGs in
 * {@code training/report/}) of the loss per task and the learning rate from the run's log, dev
 * metrics per epoch, a confusion matrix per classification task and per-entity-type scores per
 * tagging task, built from files the trainer leaves in {@code training/}, so it can be rebuilt
 * without a model ({@code mtl report PKG}).
 */
package org.mtl4j.train.report;
