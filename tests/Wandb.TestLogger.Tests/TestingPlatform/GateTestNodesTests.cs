using Microsoft.Testing.Platform.Extensions.Messages;
using Microsoft.Testing.Platform.TestHost;
using Wandb.TestLogger.Reporting;
using Wandb.TestLogger.TestingPlatform;

namespace Wandb.TestLogger.Tests.TestingPlatform;

[TestClass]
public sealed class GateTestNodesTests
{
    [TestMethod]
    public void A_failing_verdict_becomes_a_failed_test_named_after_its_rule_whose_message_is_the_coded_error()
    {
        var failure = GateFailure.Of("accuracy", "CrossValidate", "WANDB200", "accuracy of job type CrossValidate in group test-1: regressed");

        var message = GateTestNodes.Failed(new SessionUid("session-1"), failure);

        Assert.AreEqual("session-1", message.SessionUid.Value);
        Assert.AreEqual("wandb gate: accuracy [CrossValidate]", message.TestNode.DisplayName);
        var state = message.TestNode.Properties.Single<TestNodeStateProperty>();
        Assert.IsInstanceOfType<FailedTestNodeStateProperty>(state);
        Assert.AreEqual("error WANDB200: accuracy of job type CrossValidate in group test-1: regressed", state.Explanation);
    }

    [TestMethod]
    public void The_gates_own_test_nodes_are_told_apart_from_the_tests_so_they_are_never_recorded_as_runs()
    {
        var gate = GateTestNodes.Failed(new SessionUid("s"), new GateFailure(GateFailure.GateName, "error WANDB206: the baseline file cannot be read")).TestNode;
        var test = new TestNode { Uid = new TestNodeUid("Churn.Tests.ModelTests.CrossValidate"), DisplayName = "wandb gate: accuracy [CrossValidate]" };

        Assert.IsTrue(GateTestNodes.IsGateNode(gate));
        Assert.IsFalse(GateTestNodes.IsGateNode(test), "a test that happens to be called like a gate is still a test");
    }
}
