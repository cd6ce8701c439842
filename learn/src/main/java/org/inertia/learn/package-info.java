/**
 * The course of {@code docs/learn}: seven lessons, each with one exercise ({@code lessonN.My...}, a stub
 * that throws "not implemented" until you write it) and tests tagged {@code lessonN} that say when it
 * is right. {@link org.inertia.learn.Course} hands the tests either your exercises or the library's
 * own code (the reference solutions, which CI checks against the same tests).
 */
package org.inertia.learn;
