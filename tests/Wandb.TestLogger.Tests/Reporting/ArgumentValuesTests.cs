using Wandb.TestLogger.Reporting;

namespace Wandb.TestLogger.Tests.Reporting;

[TestClass]
public sealed class ArgumentValuesTests
{
    [TestMethod]
    public void MSTest_display_names_give_typed_values_in_order()
    {
        var values = ArgumentValues.FromDisplayName("Train (\"a, b\",1.5,3,True,null)");

        CollectionAssert.AreEqual(new object?[] { "a, b", 1.5, 3L, true, null }, values.Select(v => v.Value).ToArray());
        Assert.IsTrue(values.All(v => v.Name is null));
    }

    [TestMethod]
    public void xUnit_display_names_name_their_arguments()
    {
        var values = ArgumentValues.FromDisplayName("Churn.Tests.Fold(fold: 3, learner: \"fast tree\")");

        CollectionAssert.AreEqual(new[] { "fold", "learner" }, values.Select(v => v.Name).ToArray());
        CollectionAssert.AreEqual(new object?[] { 3L, "fast tree" }, values.Select(v => v.Value).ToArray());
    }

    [TestMethod]
    public void A_display_name_without_arguments_gives_none()
    {
        Assert.IsEmpty(ArgumentValues.FromDisplayName("Evaluate"));
        Assert.IsEmpty(ArgumentValues.FromDisplayName("Evaluate ()"));
    }

    [TestMethod]
    public void MSTest_serialised_values_are_read_as_JSON_and_anything_else_kept_as_text()
    {
        Assert.AreEqual(2L, ArgumentValues.FromJson("2"));
        Assert.AreEqual("a b", ArgumentValues.FromJson("\"a b\""));
        Assert.AreEqual("not json", ArgumentValues.FromJson("not json"));
    }

    [TestMethod]
    public void MSTest_serialised_arrays_become_lists()
    {
        CollectionAssert.AreEqual(new object?[] { 1L, 2L }, (List<object?>)ArgumentValues.FromJson("[1, 2]")!);
    }

    // The display names below are what the real adapters printed for
    // [TestCase/InlineData/DataRow(0, 0.1, 1L, null, "a, b")] and a row of every other literal form.

    [TestMethod]
    public void NUnit_display_names_with_literal_suffixes_give_typed_values()
    {
        var values = ArgumentValues.FromDisplayName("Train(0,0.1d,1L,null,\"a, b\")");

        CollectionAssert.AreEqual(new object?[] { 0L, 0.1, 1L, null, "a, b" }, values.Select(v => v.Value).ToArray());
    }

    [TestMethod]
    public void NUnit_display_names_of_every_literal_form_give_typed_values()
    {
        var values = ArgumentValues.FromDisplayName("Forms(1.5f,-2.5d,-3,4,5UL,'c',Red,True,\"q\\\"uo(te)\\\\\\n\\t\",[1, 2],2.5m,7L,1E-07.0d,3,-4,-0.5f)");

        var expected = new object?[] { 1.5, -2.5, -3L, 4L, 5L, "c", "Red", true, "q\"uo(te)\\\n\t", null, 2.5, 7L, 1e-7, 3L, -4L, -0.5 };
        Assert.HasCount(expected.Length, values);
        for (var i = 0; i < expected.Length; i++)
        {
            if (i == 9)
            {
                CollectionAssert.AreEqual(new object?[] { 1L, 2L }, (List<object?>)values[i].Value!);
                continue;
            }

            if (expected[i] is double number)
            {
                Assert.AreEqual(number, (double)values[i].Value!, Math.Abs(number) * 1e-12, $"argument {i}");
            }
            else
            {
                Assert.AreEqual(expected[i], values[i].Value, $"argument {i}");
            }
        }
    }

    [TestMethod]
    public void xUnit_display_names_of_every_literal_form_give_typed_named_values()
    {
        var values = ArgumentValues.FromDisplayName(
            "Exp.X.TrainTests.Forms(f: 1.5, d: -2.5, i: -3, u: 4, ul: 5, c: 'c', color: Red, b: True, s: \"q\\\"uo(te)\\\\\\n\\t\", arr: [1, 2], l: 7, small: 9.9999999999999995E-08, sep: ',', t: \"a: b\")");

        var byName = values.ToDictionary(v => v.Name!, v => v.Value);
        Assert.AreEqual(1.5, byName["f"]);
        Assert.AreEqual(-3L, byName["i"]);
        Assert.AreEqual("c", byName["c"]);
        Assert.AreEqual("Red", byName["color"]);
        Assert.AreEqual(true, byName["b"]);
        Assert.AreEqual("q\"uo(te)\\\n\t", byName["s"]);
        CollectionAssert.AreEqual(new object?[] { 1L, 2L }, (List<object?>)byName["arr"]!);
        Assert.AreEqual(1e-7, (double)byName["small"]!, 1e-20);
        Assert.AreEqual(",", byName["sep"], "a comma in a char literal does not split the arguments");
        Assert.AreEqual("a: b", byName["t"]);
    }

    [TestMethod]
    public void xUnit_theory_display_names_give_the_double_the_test_was_given()
    {
        var values = ArgumentValues.FromDisplayName("Exp.X.TrainTests.Train(fold: 0, learningRate: 0.10000000000000001, steps: 1, tag: null, name: \"a, b\")");

        CollectionAssert.AreEqual(new object?[] { 0L, 0.1, 1L, null, "a, b" }, values.Select(v => v.Value).ToArray());
    }

    [TestMethod]
    public void A_display_name_with_parentheses_before_the_arguments_reads_the_final_list()
    {
        var values = ArgumentValues.FromDisplayName("Train (fast) (1,\"x)\")");

        CollectionAssert.AreEqual(new object?[] { 1L, "x)" }, values.Select(v => v.Value).ToArray());
    }

    [TestMethod]
    public void An_enum_MSTest_serialises_as_its_number_keeps_the_name_its_display_name_shows()
    {
        var values = ArgumentValues.Merge(new object?[] { 0L, 0.1, 0L }, "Forms (Red,0.1,0)");

        CollectionAssert.AreEqual(new object?[] { "Red", 0.1, 0L }, values.Select(v => v.Value).ToArray());
    }
}
