/**
 * Course exports: a completed course as one downloadable file in a format other tools open (JSON, a Markdown
 * zip, one self-contained HTML page, a SCORM 1.2 package for an LMS). Each format is one {@link
 * io.coursegen.storage.export.CourseExporter} picked by name from {@link
 * io.coursegen.storage.export.ExportFormats}; {@link io.coursegen.storage.export.CourseExports} checks the course
 * can be exported and streams the file as it is written, reading pictures from S3 one at a time on a
 * bounded-elastic thread, so a course of many megabytes never sits in memory or on a Netty thread. Every text
 * came from a user or a language model, so it is escaped wherever it lands, and lesson Markdown is rendered with
 * raw HTML disabled.
 */
package io.coursegen.storage.export;
