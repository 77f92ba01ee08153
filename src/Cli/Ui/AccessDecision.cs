namespace Wandb.Cli.Ui;

/// <summary>What <see cref="UiAccess"/> decided about a request.</summary>
internal enum AccessDecision
{
    Allowed,

    /// <summary>The token came in the URL: set the cookie and send the browser to the same page without it.</summary>
    AllowedByQueryToken,

    /// <summary>A token is required and the request has none, or a wrong one: 401.</summary>
    NoToken,

    /// <summary>A loopback server asked for by another name (DNS rebinding): 403.</summary>
    WrongHost,
}
