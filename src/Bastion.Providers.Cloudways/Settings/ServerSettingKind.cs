namespace Bastion.Providers.Cloudways.Settings;

/// <summary>The type of value a server setting takes, as the Cloudways API v1 clients send it.</summary>
internal enum ServerSettingKind
{
    /// <summary>A whole number of at least 1 (MB, seconds or a count, per setting).</summary>
    Number,

    /// <summary><c>enable</c> or <c>disable</c>.</summary>
    Switch,

    /// <summary><c>On</c> or <c>Off</c> (PHP's own spelling).</summary>
    OnOff,

    /// <summary>Text checked against the setting's own pattern.</summary>
    Text,
}
