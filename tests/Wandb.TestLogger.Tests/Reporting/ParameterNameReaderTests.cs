using Wandb.TestLogger.Reporting;

namespace Wandb.TestLogger.Tests.Reporting;

[TestClass]
public sealed class ParameterNameReaderTests
{
    private static readonly string ThisAssembly = typeof(ParameterNameReaderTests).Assembly.Location;

    [TestMethod]
    public void Parameter_names_are_read_from_the_test_assembly_metadata()
    {
        var names = new ParameterNameReader().Read(ThisAssembly, "Churn.Tests.ModelTests.CrossValidate", 2);

        CollectionAssert.AreEqual(new[] { "fold", "seed" }, names?.ToArray());
    }

    [TestMethod]
    public void Overloads_with_as_many_parameters_give_no_names_rather_than_wrong_ones()
    {
        Assert.IsNull(new ParameterNameReader().Read(ThisAssembly, "Churn.Tests.ModelTests.Overloaded", 1));
    }

    [TestMethod]
    public void A_missing_assembly_gives_no_names_and_no_exception()
    {
        Assert.IsNull(new ParameterNameReader().Read("/no/such/Tests.dll", "A.B.C", 1));
    }
}
