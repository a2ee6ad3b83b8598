package io.sharedstate.internal;

import sun.misc.Unsafe;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.MappedByteBuffer;

/**
 * Raw access to mapped memory by address: the atomics and ordered loads and stores the lock protocol and the
 * values are built on. Named by memory ordering, as in Agrona: {@code getLongVolatile}, {@code putLongRelease}.
 * Every address passed in must lie inside a live mapping; callers check that before they get here.
 */
public final class UnsafeAccess {
    private static final Unsafe UNSAFE = loadUnsafe();
    private static final long BUFFER_ADDRESS_OFFSET = bufferAddressOffset();

    private UnsafeAccess() {
    }

    /** Returns the start address of a mapped (direct) buffer. */
    public static long addressOf(MappedByteBuffer buffer) {
        return UNSAFE.getLong(buffer, BUFFER_ADDRESS_OFFSET);
    }

    public static long getLongVolatile(long address) {
        return UNSAFE.getLongVolatile(null, address);
    }

    public static long getLong(long address) {
        return UNSAFE.getLong(address);
    }

    public static void putLong(long address, long value) {
        UNSAFE.putLong(address, value);
    }

    public static void putLongVolatile(long address, long value) {
        UNSAFE.putLongVolatile(null, address, value);
    }

    /** Stores with release semantics: earlier loads and stores are visible before this store. */
    public static void putLongRelease(long address, long value) {
        UNSAFE.putOrderedLong(null, address, value);
    }

    public static boolean compareAndSetLong(long address, long expected, long value) {
        return UNSAFE.compareAndSwapLong(null, address, expected, value);
    }

    public static long getAndAddLong(long address, long delta) {
        return UNSAFE.getAndAddLong(null, address, delta);
    }

    public static int getIntVolatile(long address) {
        return UNSAFE.getIntVolatile(null, address);
    }

    /** Stores with release semantics. */
    public static void putIntRelease(long address, int value) {
        UNSAFE.putOrderedInt(null, address, value);
    }

    public static void putIntVolatile(long address, int value) {
        UNSAFE.putIntVolatile(null, address, value);
    }

    public static boolean compareAndSetInt(long address, int expected, int value) {
        return UNSAFE.compareAndSwapInt(null, address, expected, value);
    }

    /** Copies {@code bytes} bytes between two addresses of mapped memory. */
    public static void copyMemory(long from, long to, long bytes) {
        UNSAFE.copyMemory(from, to, bytes);
    }

    public static int getInt(long address) {
        return UNSAFE.getInt(address);
    }

    public static void putInt(long address, int value) {
        UNSAFE.putInt(address, value);
    }

    public static short getShort(long address) {
        return UNSAFE.getShort(address);
    }

    public static void putShort(long address, short value) {
        UNSAFE.putShort(address, value);
    }

    public static byte getByte(long address) {
        return UNSAFE.getByte(address);
    }

    public static void putByte(long address, byte value) {
        UNSAFE.putByte(address, value);
    }

    /** Keeps stores before the fence from being reordered with stores after it. */
    public static void storeFence() {
        UNSAFE.storeFence();
    }

    /** Keeps loads before the fence from being reordered with loads after it. */
    public static void loadFence() {
        UNSAFE.loadFence();
    }

    private static Unsafe loadUnsafe() {
        try {
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static long bufferAddressOffset() {
        try {
            return UNSAFE.objectFieldOffset(Buffer.class.getDeclaredField("address"));
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
