using Wandb.Testing;

namespace Wandb.TestLogger.Tests.Testing;

[TestClass]
public sealed class TestRunNamesTests
{
    [TestMethod]
    [DataRow("Humanizer.Tests.BytesTests.HumanizesBytes", "Humanizer.Tests.BytesTests", "HumanizesBytes")]
    [DataRow("Humanizer.Tests.BytesTests.HumanizesBytes(1024,\"1 KB\")", "Humanizer.Tests.BytesTests", "HumanizesBytes")]
    [DataRow("Models.Fixture(1.5d,\"a.b\").Train(2)", "Models.Fixture(1.5d,\"a.b\")", "Train")]
    [DataRow("Models.Outer+Inner.Train", "Models.Outer+Inner", "Train")]
    [DataRow("Train", "", "Train")]
    public void A_fully_qualified_test_name_splits_into_its_class_and_its_method(string fullyQualifiedName, string testClass, string method)
    {
        Assert.AreEqual(testClass, TestRunNames.ClassName(fullyQualifiedName));
        Assert.AreEqual(method, TestRunNames.MethodName(fullyQualifiedName));
    }

    [TestMethod]
    public void The_job_type_is_the_method_by_default_and_the_short_class_and_method_with_class_method()
    {
        const string name = "Humanizer.Tests.Bytes.ByteSizeTests.HumanizesBytes";

        Assert.AreEqual("HumanizesBytes", TestRunNames.JobType(name, TestJobTypeFormat.Method));
        Assert.AreEqual("ByteSizeTests.HumanizesBytes", TestRunNames.JobType(name, TestJobTypeFormat.ClassMethod));
        Assert.AreEqual("Outer+Inner.Train", TestRunNames.JobType("Models.Outer+Inner.Train", TestJobTypeFormat.ClassMethod));
    }

    [TestMethod]
    [DataRow("method", false)]
    [DataRow("class_method", true)]
    [DataRow(" Class_Method ", true)]
    public void Job_type_formats_are_read_by_name_in_any_case(string text, bool classMethod)
    {
        Assert.IsTrue(TestRunNames.TryParseJobTypeFormat(text, out var format));
        Assert.AreEqual(classMethod ? TestJobTypeFormat.ClassMethod : TestJobTypeFormat.Method, format);
        Assert.AreEqual(text.Trim().ToLowerInvariant(), TestRunNames.JobTypeFormatName(format));
    }

    [TestMethod]
    [DataRow("class")]
    [DataRow("class.method")]
    [DataRow("")]
    public void Unknown_job_type_formats_are_not_guessed(string text)
    {
        Assert.IsFalse(TestRunNames.TryParseJobTypeFormat(text, out _));
    }
}
