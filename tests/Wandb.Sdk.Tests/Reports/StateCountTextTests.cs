using Wandb.Reports;

namespace Wandb.Sdk.Tests.Reports;

[TestClass]
public sealed class StateCountTextTests
{
    [TestMethod]
    public void Counts_are_summed_per_state_and_written_in_state_order()
    {
        // Two groups' states, given out of order: the text sums them and follows the states' order.
        var counts = new[]
        {
            new KeyValuePair<RunState, int>(RunState.Killed, 1),
            new KeyValuePair<RunState, int>(RunState.Finished, 3),
            new KeyValuePair<RunState, int>(RunState.Failed, 2),
            new KeyValuePair<RunState, int>(RunState.Finished, 4),
            new KeyValuePair<RunState, int>(RunState.Running, 1),
        };

        Assert.AreEqual("1 running, 7 finished, 2 failed, 1 killed", StateCountText.Of(counts));
    }

    [TestMethod]
    public void A_state_given_is_written_even_when_its_counts_sum_to_zero_and_a_state_not_given_is_not()
    {
        var counts = new[]
        {
            new KeyValuePair<RunState, int>(RunState.Crashed, 0),
            new KeyValuePair<RunState, int>(RunState.Finished, 2),
        };

        Assert.AreEqual("2 finished, 0 crashed", StateCountText.Of(counts));
        Assert.AreEqual(string.Empty, StateCountText.Of(Array.Empty<KeyValuePair<RunState, int>>()));
    }
}
