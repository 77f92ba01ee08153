using System.Globalization;

namespace Wandb.Storage.Codec;

/// <summary>
/// Parses the numbers of history lines. Plain decimals whose digits fit in 2^53 and whose power of ten is
/// at most 22 are exact doubles multiplied or divided by an exact power of ten, which IEEE arithmetic rounds
/// correctly: the same value <see cref="double.Parse(string, NumberStyles, IFormatProvider)"/> gives,
/// without allocating a substring. Everything else (17-digit round-trip values, odd forms) goes to
/// <c>double.TryParse</c>, so every input parses exactly as it did before.
/// </summary>
internal static class DecimalParser
{
    private const ulong MaxExactMantissa = 1UL << 53;

    private static readonly double[] PowersOfTen =
    {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    };

    /// <summary>Parses <c>text[start..end)</c>; false when it is not a number.</summary>
    public static bool TryParse(string text, int start, int end, out double value)
    {
        if (TryParseExact(text, start, end, out value))
        {
            return true;
        }

        return double.TryParse(text.Substring(start, end - start), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryParseExact(string text, int start, int end, out double value)
    {
        value = 0;
        var i = start;
        var negative = false;
        if (i < end && text[i] == '-')
        {
            negative = true;
            i++;
        }

        ulong mantissa = 0;
        var scale = 0;
        var integerDigits = 0;
        while (i < end && IsDigit(text[i]))
        {
            if (mantissa > (ulong.MaxValue / 10) - 1)
            {
                return false;
            }

            mantissa = (mantissa * 10) + (ulong)(text[i] - '0');
            integerDigits++;
            i++;
        }

        if (integerDigits == 0)
        {
            return false;
        }

        if (i < end && text[i] == '.')
        {
            i++;
            var fractionDigits = 0;
            while (i < end && IsDigit(text[i]))
            {
                if (mantissa > (ulong.MaxValue / 10) - 1)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + (ulong)(text[i] - '0');
                scale--;
                fractionDigits++;
                i++;
            }

            if (fractionDigits == 0)
            {
                return false;
            }
        }

        if (i < end && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            var exponentNegative = false;
            if (i < end && (text[i] == '+' || text[i] == '-'))
            {
                exponentNegative = text[i] == '-';
                i++;
            }

            var exponent = 0;
            var exponentDigits = 0;
            while (i < end && IsDigit(text[i]))
            {
                if (exponent > 1000)
                {
                    return false;
                }

                exponent = (exponent * 10) + (text[i] - '0');
                exponentDigits++;
                i++;
            }

            if (exponentDigits == 0)
            {
                return false;
            }

            scale += exponentNegative ? -exponent : exponent;
        }

        if (i != end || mantissa > MaxExactMantissa)
        {
            return false;
        }

        double result = mantissa;
        if (scale > 0)
        {
            if (scale >= PowersOfTen.Length)
            {
                return false;
            }

            result *= PowersOfTen[scale];
        }
        else if (scale < 0)
        {
            if (-scale >= PowersOfTen.Length)
            {
                return false;
            }

            result /= PowersOfTen[-scale];
        }

        value = negative ? -result : result;
        return true;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';
}
