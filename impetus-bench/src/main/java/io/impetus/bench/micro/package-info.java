/**
 * JMH microbenchmarks of the job path's hot pieces: the frame codec, the Kryo protocol messages,
 * a stream's priority queue and the journal's append. Each class measures one concern, in
 * operations per second; run them with {@code org.openjdk.jmh.Main 'io.impetus.bench.micro.*'}
 * on the classpath of {@code impetus-bench/target/lib} and {@code impetus-bench.jar}.
 */
@NullMarked
package io.impetus.bench.micro;

import org.jspecify.annotations.NullMarked;
