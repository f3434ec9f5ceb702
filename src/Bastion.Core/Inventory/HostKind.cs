namespace Bastion.Core.Inventory;

/// <summary>How Bastion reaches a host.</summary>
public enum HostKind
{
    /// <summary>The machine Bastion runs on, reached directly.</summary>
    Local,

    /// <summary>A Linux host reached through the system's OpenSSH client.</summary>
    Ssh,
}
