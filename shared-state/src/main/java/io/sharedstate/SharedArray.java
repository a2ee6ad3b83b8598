package io.sharedstate;

/**
 * What every shared array has: a fixed length, like Python's {@code multiprocessing.Array}.
 *
 * <p>Element operations are atomic; {@code toArray()} returns a consistent snapshot and the whole-array
 * {@code set}/{@code fill} are atomic over the whole array, with respect to every other operation on it from
 * any thread of any process. An index outside {@code [0, length())} throws {@link IndexOutOfBoundsException}.
 */
public interface SharedArray extends SharedHandle {
    /**
     * Returns the number of elements, fixed when the array was created.
     *
     * @return the length, at least 1 and at most {@link StoreSettings#maxArrayLength()}
     */
    int length();
}
