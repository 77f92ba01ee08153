using Wandb.TestLogger.Reporting;

namespace Wandb.TestLogger.Tests.Reporting;

[TestClass]
public sealed class CSharpLiteralTests
{
    [TestMethod]
    [DataRow("0.1d", 0.1)]
    [DataRow("0.1D", 0.1)]
    [DataRow("1.5f", 1.5)]
    [DataRow("-0.5F", -0.5)]
    [DataRow("2.5m", 2.5)]
    [DataRow("2.5M", 2.5)]
    [DataRow("-2.5", -2.5)]
    [DataRow("0.10000000000000001", 0.1)]
    [DataRow("9.9999999999999995E-08", 1e-7)]
    [DataRow("1E-07.0d", 1e-7)]
    [DataRow("1.5E+20d", 1.5e20)]
    [DataRow("3d", 3.0)]
    public void Floating_point_literals_in_every_suffix_and_case_become_numbers(string text, double expected)
    {
        var value = CSharpLiteral.Parse(text);

        Assert.IsInstanceOfType<double>(value, text);
        Assert.AreEqual(expected, (double)value!, Math.Abs(expected) * 1e-12);
    }

    [TestMethod]
    [DataRow("3", 3L)]
    [DataRow("-3", -3L)]
    [DataRow("+3", 3L)]
    [DataRow("1L", 1L)]
    [DataRow("1l", 1L)]
    [DataRow("4u", 4L)]
    [DataRow("4U", 4L)]
    [DataRow("5UL", 5L)]
    [DataRow("5ul", 5L)]
    [DataRow("5LU", 5L)]
    [DataRow("-7L", -7L)]
    [DataRow("0xFF", 255L)]
    [DataRow("0x1fUL", 31L)]
    public void Integer_literals_in_every_suffix_and_case_become_whole_numbers(string text, long expected)
    {
        Assert.AreEqual(expected, CSharpLiteral.Parse(text));
    }

    [TestMethod]
    public void An_unsigned_long_beyond_the_range_of_long_is_still_a_number()
    {
        Assert.AreEqual(18446744073709551615d, (double)CSharpLiteral.Parse("18446744073709551615UL")!, 1e4);
    }

    [TestMethod]
    [DataRow("NaN")]
    [DataRow("NaNd")]
    [DataRow("Infinity")]
    [DataRow("-Infinityf")]
    [DataRow("∞")]
    public void Special_floating_point_values_are_numbers(string text)
    {
        Assert.IsInstanceOfType<double>(CSharpLiteral.Parse(text), text);
    }

    [TestMethod]
    public void Null_true_and_false_are_typed()
    {
        Assert.IsNull(CSharpLiteral.Parse("null"));
        Assert.AreEqual(true, CSharpLiteral.Parse("True"));
        Assert.AreEqual(true, CSharpLiteral.Parse("true"));
        Assert.AreEqual(false, CSharpLiteral.Parse("False"));
    }

    [TestMethod]
    [DataRow("\"a, b\"", "a, b")]
    [DataRow("\"q\\\"uo(te)\\\\\\n\\t\"", "q\"uo(te)\\\n\t")]
    [DataRow("\"\\0\\a\\b\\f\\r\\v\\'\"", "\0\a\b\f\r\v'")]
    [DataRow("\"\\u00e9\\x41\\U0001F600\"", "\u00e9A\U0001F600")]
    [DataRow("\"\"", "")]
    [DataRow("\"abcdefghij\"...", "abcdefghij...")]
    public void String_literals_are_unescaped(string text, string expected)
    {
        Assert.AreEqual(expected, CSharpLiteral.Parse(text));
    }

    [TestMethod]
    [DataRow("'c'", "c")]
    [DataRow("'\\''", "'")]
    [DataRow("'\\n'", "\n")]
    [DataRow("','", ",")]
    [DataRow("'\\u0041'", "A")]
    public void Char_literals_become_one_character_strings(string text, string expected)
    {
        Assert.AreEqual(expected, CSharpLiteral.Parse(text));
    }

    [TestMethod]
    [DataRow("Red", "Red")]
    [DataRow("Color.Red", "Red")]
    [DataRow("Models.Color.Red", "Red")]
    public void Enum_members_are_recorded_by_their_name(string text, string expected)
    {
        Assert.AreEqual(expected, CSharpLiteral.Parse(text));
    }

    [TestMethod]
    public void Arrays_become_lists_of_typed_values()
    {
        CollectionAssert.AreEqual(new object?[] { 1L, 2L }, (List<object?>)CSharpLiteral.Parse("[1, 2]")!);
        CollectionAssert.AreEqual(new object?[] { 0.5, "a, b", null }, (List<object?>)CSharpLiteral.Parse("[0.5d,\"a, b\",null]")!);
        CollectionAssert.AreEqual(new object?[] { new List<object?> { 1L }, new List<object?>() }, ((List<object?>)CSharpLiteral.Parse("[[1], []]")!).ToArray(), new ListComparer());
    }

    [TestMethod]
    [DataRow("typeof(System.Int32)")]
    [DataRow("2026-03-01T12:00:00.0000000")]
    [DataRow("1.2.3")]
    [DataRow("12abc")]
    [DataRow("\"unterminated")]
    public void Anything_else_is_kept_as_the_text_it_is(string text)
    {
        Assert.AreEqual(text, CSharpLiteral.Parse(text));
    }

    private sealed class ListComparer : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) =>
            x is List<object?> a && y is List<object?> b && a.SequenceEqual(b) ? 0 : 1;
    }
}
