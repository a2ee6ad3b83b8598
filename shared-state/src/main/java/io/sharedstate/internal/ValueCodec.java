package io.sharedstate.internal;

import io.sharedstate.TypeCode;
import io.sharedstate.ValueOutOfRangeException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Converts between a type's bytes in memory, its canonical {@code long} form, and {@link Number}s.
 * The canonical form of an integer kind is its value (zero-extended for unsigned kinds; the raw bits for
 * 64-bit unsigned), and of a floating-point kind the bits of the value as a {@code double}. The journal records
 * canonical values; arithmetic on them wraps like ctypes.
 */
public final class ValueCodec {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private ValueCodec() {
    }

    /** Reads the element at {@code address} in canonical form. */
    public static long load(TypeCode type, long address) {
        switch (type) {
            case INT8:
                return UnsafeAccess.getByte(address);
            case UINT8:
            case CHAR:
            case BOOL:
                return UnsafeAccess.getByte(address) & 0xFFL;
            case INT16:
                return UnsafeAccess.getShort(address);
            case UINT16:
                return UnsafeAccess.getShort(address) & 0xFFFFL;
            case INT32:
                return UnsafeAccess.getInt(address);
            case UINT32:
            case WCHAR:
                return UnsafeAccess.getInt(address) & 0xFFFF_FFFFL;
            case FLOAT32:
                return Double.doubleToRawLongBits(Float.intBitsToFloat(UnsafeAccess.getInt(address)));
            default:
                return UnsafeAccess.getLong(address);
        }
    }

    /** Writes a canonical value to the element at {@code address}, truncating integers to the type's width. */
    public static void store(TypeCode type, long address, long canonical) {
        switch (type.width()) {
            case 1:
                UnsafeAccess.putByte(address, (byte) canonical);
                break;
            case 2:
                UnsafeAccess.putShort(address, (short) canonical);
                break;
            case 4:
                UnsafeAccess.putInt(address, type == TypeCode.FLOAT32
                        ? Float.floatToRawIntBits((float) Double.longBitsToDouble(canonical))
                        : (int) canonical);
                break;
            default:
                UnsafeAccess.putLong(address, canonical);
        }
    }

    /** Returns {@code canonical + delta} in the type's arithmetic: wrapping integers, IEEE floating point. */
    public static long add(TypeCode type, long canonical, long delta) {
        if (type.isFloatingPoint()) {
            return toCanonical(type, Double.longBitsToDouble(canonical) + Double.longBitsToDouble(delta));
        }
        return wrap(type, canonical + delta);
    }

    /** Returns the canonical form of a double for a floating-point type (rounded to float for 'f'). */
    public static long toCanonical(TypeCode type, double value) {
        return Double.doubleToRawLongBits(type == TypeCode.FLOAT32 ? (double) (float) value : value);
    }

    /** Truncates an integer to the type's width and extends it back, as storing and loading would. */
    public static long wrap(TypeCode type, long value) {
        switch (type) {
            case INT8:
                return (byte) value;
            case UINT8:
            case CHAR:
            case BOOL:
                return value & 0xFFL;
            case INT16:
                return (short) value;
            case UINT16:
                return value & 0xFFFFL;
            case INT32:
                return (int) value;
            case UINT32:
            case WCHAR:
                return value & 0xFFFF_FFFFL;
            default:
                return value;
        }
    }

    /**
     * Converts a caller's number to canonical form, checking that it fits the type.
     *
     * @throws ValueOutOfRangeException if it does not fit
     * @throws IllegalArgumentException if it is not a whole number and the type is an integer kind
     */
    public static long fromNumber(TypeCode type, Number number) {
        if (number == null) {
            throw new NullPointerException("value for " + type.describe() + " is null");
        }
        if (type.isFloatingPoint()) {
            double value = number.doubleValue();
            // Only a Double or Float can mean infinity; a BigDecimal or BigInteger that rounds to it is too large.
            if (Double.isInfinite(value) && !(number instanceof Double || number instanceof Float)) {
                throw new ValueOutOfRangeException(number + " does not fit " + type.describe()
                        + ": its largest finite value is "
                        + (type == TypeCode.FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE));
            }
            if (type == TypeCode.FLOAT32 && Double.isFinite(value) && Math.abs(value) > Float.MAX_VALUE) {
                throw new ValueOutOfRangeException(number + " does not fit " + type.describe()
                        + ": its largest finite value is " + Float.MAX_VALUE);
            }
            return toCanonical(type, value);
        }
        BigInteger value = toBigInteger(type, number);
        if (value.compareTo(type.minValue()) < 0 || value.compareTo(type.maxValue()) > 0) {
            throw new ValueOutOfRangeException(number + " does not fit " + type.describe() + ": its range is "
                    + type.minValue() + " to " + type.maxValue());
        }
        return value.longValue();
    }

    /**
     * Converts a caller's delta to canonical form: any whole number for integer kinds (it wraps), any number
     * for floating-point kinds.
     *
     * @throws UnsupportedOperationException if the type does not support arithmetic
     */
    public static long deltaFromNumber(TypeCode type, Number delta) {
        requireArithmetic(type);
        if (type.isFloatingPoint()) {
            return Double.doubleToRawLongBits(delta.doubleValue());
        }
        return toBigInteger(type, delta).longValue();
    }

    /** Returns the canonical value as the {@link Number} callers see. */
    public static Number toNumber(TypeCode type, long canonical) {
        if (type.isFloatingPoint()) {
            return Double.longBitsToDouble(canonical);
        }
        if ((type == TypeCode.UINT64 || type == TypeCode.ULONG) && canonical < 0) {
            return BigInteger.valueOf(canonical).add(TWO_64);
        }
        return canonical;
    }

    /** Returns the canonical value as a {@code double}. */
    public static double toDouble(TypeCode type, long canonical) {
        return toNumber(type, canonical).doubleValue();
    }

    /** Returns the canonical value as a {@code long}: the value, the raw bits of 64-bit unsigned, a truncated float. */
    public static long toLong(TypeCode type, long canonical) {
        return type.isFloatingPoint() ? (long) Double.longBitsToDouble(canonical) : canonical;
    }

    private static void requireArithmetic(TypeCode type) {
        if (!type.supportsArithmetic()) {
            throw new UnsupportedOperationException(type.describe()
                    + " holds a character or boolean: arithmetic does not apply; use set or compareAndSet");
        }
    }

    private static BigInteger toBigInteger(TypeCode type, Number number) {
        if (number instanceof Long || number instanceof Integer || number instanceof Short
                || number instanceof Byte || number instanceof AtomicLong || number instanceof AtomicInteger) {
            return BigInteger.valueOf(number.longValue());
        }
        if (number instanceof BigInteger) {
            return (BigInteger) number;
        }
        if (number instanceof BigDecimal) {
            try {
                return ((BigDecimal) number).toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw notWhole(type, number);
            }
        }
        throw notWhole(type, number);
    }

    private static IllegalArgumentException notWhole(TypeCode type, Number number) {
        return new IllegalArgumentException(type.describe() + " holds whole numbers; got " + number + " ("
                + number.getClass().getSimpleName() + "): pass a Long, Integer or BigInteger");
    }
}
