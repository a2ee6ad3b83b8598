package io.sharedstate;

import java.math.BigInteger;

/**
 * The element types a shared value or array can hold, named by Python's {@code array}/{@code ctypes}
 * typecodes and with the same widths and wrap-around semantics as {@code ctypes} on 64-bit Linux.
 *
 * <p>Integer kinds wrap modulo 2<sup>n</sup> under arithmetic ({@code addAndGet} on a {@code 'B'} holding
 * 255 gives 0), but a value given to {@code set} or as an initial value must lie in the kind's range.
 * {@code 'c'}, {@code 'u'} and {@code '?'} are a byte, a Unicode code point and a boolean: they can be set
 * and compared, not added to.
 */
public enum TypeCode {
    /** {@code 'b'}: signed char, 8-bit signed integer. */
    INT8('b', "int8", "c_byte", 1, Kind.SIGNED),
    /** {@code 'B'}: unsigned char, 8-bit unsigned integer. */
    UINT8('B', "uint8", "c_ubyte", 1, Kind.UNSIGNED),
    /** {@code 'h'}: signed short, 16-bit signed integer. */
    INT16('h', "int16", "c_short", 2, Kind.SIGNED),
    /** {@code 'H'}: unsigned short, 16-bit unsigned integer. */
    UINT16('H', "uint16", "c_ushort", 2, Kind.UNSIGNED),
    /** {@code 'i'}: signed int, 32-bit signed integer. */
    INT32('i', "int32", "c_int", 4, Kind.SIGNED),
    /** {@code 'I'}: unsigned int, 32-bit unsigned integer. */
    UINT32('I', "uint32", "c_uint", 4, Kind.UNSIGNED),
    /** {@code 'l'}: signed long, 64-bit signed integer on 64-bit Linux. */
    LONG('l', "long64", "c_long", 8, Kind.SIGNED),
    /** {@code 'L'}: unsigned long, 64-bit unsigned integer on 64-bit Linux. */
    ULONG('L', "ulong64", "c_ulong", 8, Kind.UNSIGNED),
    /** {@code 'q'}: signed long long, 64-bit signed integer. */
    INT64('q', "int64", "c_longlong", 8, Kind.SIGNED),
    /** {@code 'Q'}: unsigned long long, 64-bit unsigned integer. */
    UINT64('Q', "uint64", "c_ulonglong", 8, Kind.UNSIGNED),
    /** {@code 'f'}: float, 32-bit IEEE 754. */
    FLOAT32('f', "float32", "c_float", 4, Kind.FLOAT),
    /** {@code 'd'}: double, 64-bit IEEE 754. */
    FLOAT64('d', "float64", "c_double", 8, Kind.FLOAT),
    /** {@code 'c'}: a single byte, 0 to 255 (Python {@code bytes} of length 1). */
    CHAR('c', "char", "c_char", 1, Kind.CHAR),
    /** {@code 'u'}: a Unicode code point, 0 to 0x10FFFF ({@code wchar_t}, 4 bytes on Linux). */
    WCHAR('u', "wchar", "c_wchar", 4, Kind.CHAR),
    /** {@code '?'}: a boolean stored as one byte, 0 (false) or 1 (true). */
    BOOL('?', "bool", "c_bool", 1, Kind.BOOL);

    /** How a kind's bits are interpreted. */
    enum Kind { SIGNED, UNSIGNED, FLOAT, CHAR, BOOL }

    private static final TypeCode[] BY_CHAR = new TypeCode[128];
    private static final String ALL_CODES;

    static {
        StringBuilder codes = new StringBuilder();
        for (TypeCode type : values()) {
            BY_CHAR[type.code] = type;
            codes.append(codes.length() == 0 ? "" : " ").append(type.code);
        }
        ALL_CODES = codes.toString();
    }

    private final char code;
    private final String typeName;
    private final String ctypesName;
    private final int width;
    private final Kind kind;

    TypeCode(char code, String typeName, String ctypesName, int width, Kind kind) {
        this.code = code;
        this.typeName = typeName;
        this.ctypesName = ctypesName;
        this.width = width;
        this.kind = kind;
    }

    /**
     * Returns the type for a Python typecode.
     *
     * @param code the typecode character, case-sensitive: {@code 'q'} and {@code 'Q'} differ
     * @return the type of that code
     * @throws IllegalArgumentException if {@code code} is not one of {@code b B h H i I l L q Q f d c u ?}
     */
    public static TypeCode of(char code) {
        TypeCode type = code < BY_CHAR.length ? BY_CHAR[code] : null;
        if (type == null) {
            throw new IllegalArgumentException(
                    "unknown typecode '" + code + "': expected one of " + ALL_CODES);
        }
        return type;
    }

    /**
     * Returns the Python typecode character, such as {@code 'i'}.
     *
     * @return the typecode, one of {@code b B h H i I l L q Q f d c u ?}
     */
    public char code() {
        return code;
    }

    /**
     * Returns a short descriptive name, such as {@code int32}.
     *
     * @return the name shown in messages and by the command-line tool
     */
    public String typeName() {
        return typeName;
    }

    /**
     * Returns the matching {@code ctypes} type name, such as {@code c_int}.
     *
     * @return the Python {@code ctypes} name
     */
    public String ctypesName() {
        return ctypesName;
    }

    /**
     * Returns the width of one element in bytes.
     *
     * @return 1, 2, 4 or 8
     */
    public int width() {
        return width;
    }

    /**
     * Returns whether the type holds IEEE 754 floating-point numbers.
     *
     * @return true for {@code 'f'} and {@code 'd'}
     */
    public boolean isFloatingPoint() {
        return kind == Kind.FLOAT;
    }

    /**
     * Returns whether the type is an integer that wraps under arithmetic ({@code b B h H i I l L q Q}).
     *
     * @return true for the signed and unsigned integer kinds; false for {@code c u ?} and
     *         floating point
     */
    public boolean isInteger() {
        return kind == Kind.SIGNED || kind == Kind.UNSIGNED;
    }

    /**
     * Returns whether arithmetic ({@code addAndGet} and friends) applies to this type.
     *
     * @return true for integer and floating-point kinds; false for {@code c u ?}
     */
    public boolean supportsArithmetic() {
        return isInteger() || isFloatingPoint();
    }

    /**
     * Returns whether the type is an unsigned integer.
     *
     * @return true for {@code B H I L Q}
     */
    public boolean isUnsigned() {
        return kind == Kind.UNSIGNED;
    }

    Kind kind() {
        return kind;
    }

    /**
     * Returns the smallest value the type holds, as a {@link BigInteger}; for floating-point types, null.
     *
     * @return the smallest value, or null for {@code 'f'} and {@code 'd'}
     */
    public BigInteger minValue() {
        switch (kind) {
            case SIGNED:
                return BigInteger.ONE.shiftLeft(width * 8 - 1).negate();
            case UNSIGNED:
            case CHAR:
            case BOOL:
                return BigInteger.ZERO;
            default:
                return null;
        }
    }

    /**
     * Returns the largest value the type holds, as a {@link BigInteger}; for floating-point types, null.
     *
     * @return the largest value, or null for {@code 'f'} and {@code 'd'}
     */
    public BigInteger maxValue() {
        switch (kind) {
            case SIGNED:
                return BigInteger.ONE.shiftLeft(width * 8 - 1).subtract(BigInteger.ONE);
            case UNSIGNED:
                return BigInteger.ONE.shiftLeft(width * 8).subtract(BigInteger.ONE);
            case CHAR:
                return this == CHAR ? BigInteger.valueOf(0xFF) : BigInteger.valueOf(Character.MAX_CODE_POINT);
            case BOOL:
                return BigInteger.ONE;
            default:
                return null;
        }
    }

    /**
     * Returns {@code typeName ('code')}, the form used in messages, such as {@code int32 ('i')}.
     *
     * @return the type name and code
     */
    public String describe() {
        return typeName + " ('" + code + "')";
    }
}
