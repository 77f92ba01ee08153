namespace Wandb.TestSupport;

/// <summary>Waits for what a background thread or another process does, failing with what was awaited.</summary>
internal static class Eventually
{
    public static void Until(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {seconds} s waiting until {what}.");
            }

            Thread.Sleep(10);
        }
    }
}
