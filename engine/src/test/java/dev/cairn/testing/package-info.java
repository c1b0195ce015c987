/**
 * Test-scope harness shared by the engine's and the cli's tests (through the engine test-jar):
 * restic fixtures ({@link dev.cairn.testing.Fixtures}), the real restic binary ({@link
 * dev.cairn.testing.ResticBinary}), a sample tree with every kind of metadata restic keeps
 * ({@link dev.cairn.testing.SampleTree}) and a canonical tree description for comparing original
 * and restored trees ({@link dev.cairn.testing.TreeSnapshot}), and a fault-injecting TCP proxy
 * for tests against HTTP stores ({@link dev.cairn.testing.FaultProxy}).
 *
 * <p>Needs Linux, coreutils and python3; device nodes, FIFOs and foreign owners need root.
 */
package dev.cairn.testing;
