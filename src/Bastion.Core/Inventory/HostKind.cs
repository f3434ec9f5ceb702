namespace Bastion.Core.Inventory;

/// <summary>How Bastion reaches a host.</summary>
public enum HostKind
{
    /// <summary>The machine Bastion runs on, reached directly.</summary>
    Local,

    /// <summary>A Linux host reached through the system's OpenSSH client.</summary>
    Ssh,

    /// <summary>
    /// A server or VM a hosting platform's API reports (Cloudways, CloudStack…): its platform's tools act on it; host
    /// tools reach it only when a runner for it exists (an SSH mapping, or the platform's own command API).
    /// </summary>
    Platform,
}
