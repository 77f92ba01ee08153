using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Wandb.TestLogger.VsTest;
using TestOutcome = Microsoft.VisualStudio.TestPlatform.ObjectModel.TestOutcome;
using VsTestResult = Microsoft.VisualStudio.TestPlatform.ObjectModel.TestResult;

namespace Wandb.TestLogger.Tests.VsTest;

[TestClass]
public sealed class VsTestResultMapperTests
{
    [TestMethod]
    public void NUnit_categories_are_read_from_the_adapter_s_category_property()
    {
        var test = new TestCase("Exp.N.TrainTests.Train(0,0.1d)", new Uri("executor://NUnit3TestExecutor"), "/tmp/N.dll");
        test.SetPropertyValue(TestProperty.Register("NUnit.TestCategory", "TestCategory", typeof(string[]), TestPropertyAttributes.Hidden, typeof(TestCase)), new[] { "slow", "ml" });

        var result = VsTestResultMapper.Map(new VsTestResult(test) { Outcome = TestOutcome.Passed }, null);

        CollectionAssert.AreEqual(new[] { "slow", "ml" }, result.Categories.ToArray());
        Assert.AreEqual("Exp.N.TrainTests.Train", result.FullyQualifiedName);
    }

    [TestMethod]
    public void MSTest_categories_are_read_from_the_adapter_s_category_property()
    {
        var test = new TestCase("Exp.M.TrainTests.Train", new Uri("executor://MSTestAdapter/v2"), "/tmp/M.dll");
        test.SetPropertyValue(TestProperty.Register("MSTestDiscoverer.TestCategory", "TestCategory", typeof(string[]), TestPropertyAttributes.Hidden, typeof(TestCase)), new[] { "slow" });

        var result = VsTestResultMapper.Map(new VsTestResult(test) { Outcome = TestOutcome.Passed }, null);

        CollectionAssert.AreEqual(new[] { "slow" }, result.Categories.ToArray());
    }

    [TestMethod]
    public void The_arguments_of_a_parameterised_NUnit_fixture_stay_part_of_the_test_name()
    {
        var test = new TestCase("Exp.N.Fixture(1.5d).Train(2)", new Uri("executor://NUnit3TestExecutor"), "/tmp/N.dll");

        var result = VsTestResultMapper.Map(new VsTestResult(test) { Outcome = TestOutcome.Passed }, null);

        Assert.AreEqual("Exp.N.Fixture(1.5d).Train", result.FullyQualifiedName);
    }
}
