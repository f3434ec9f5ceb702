namespace Bastion.Providers.Cloudways.Operations;

/// <summary>What a power operation does to a server (<c>POST /server/{action}</c>).</summary>
internal enum PowerAction
{
    /// <summary>Start a stopped server.</summary>
    Start,

    /// <summary>Stop a running server: its sites go offline.</summary>
    Stop,

    /// <summary>Restart a server: its sites are offline for a moment.</summary>
    Restart,
}
