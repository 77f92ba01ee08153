using Microsoft.Testing.Platform.Extensions.Messages;
using Wandb.TestLogger.TestingPlatform;

namespace Wandb.TestLogger.Tests.TestingPlatform;

[TestClass]
public sealed class MtpResultMapperTests
{
    [TestMethod]
    public void Metadata_without_a_value_is_a_category_and_with_a_value_a_trait()
    {
        // What MSTest.Sdk reports for [TestCategory("slow")] and [TestProperty("area", "ml")] on the platform.
        var node = new TestNode
        {
            Uid = new TestNodeUid("1"),
            DisplayName = "Train (0,0.1,1,null,\"a, b\")",
            Properties = new PropertyBag(
                PassedTestNodeStateProperty.CachedInstance,
                new TestMetadataProperty("slow"),
                new TestMetadataProperty("area", "ml"),
                new TestMethodIdentifierProperty("M", "Exp.P", "TrainTests", "Train", 5, new[] { "System.Int32", "System.Double", "System.Int64", "System.String", "System.String" }, "System.Void")),
        };

        var result = MtpResultMapper.Map(node, "/tmp/P.dll", null)!;

        CollectionAssert.AreEqual(new[] { "slow" }, result.Categories.ToArray());
        CollectionAssert.AreEqual(new[] { new KeyValuePair<string, string>("area", "ml") }, result.Traits.ToArray());
        Assert.AreEqual("Exp.P.TrainTests.Train", result.FullyQualifiedName);
    }
}
