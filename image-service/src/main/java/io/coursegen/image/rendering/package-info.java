/**
 * Draws a planned picture and proves the result is a picture. Whatever comes back from an image model
 * (inline base64 or a URL to download) is checked by its magic bytes and decoded before it is stored,
 * so a truncated download or an error page never reaches a learner as a broken image. The offline
 * renderer draws a real, deterministic PNG of abstract shapes, never text, so it needs no fonts.
 */
package io.coursegen.image.rendering;
