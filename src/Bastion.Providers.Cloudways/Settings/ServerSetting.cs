using System.Text.RegularExpressions;

namespace Bastion.Providers.Cloudways.Settings;

/// <summary>One writable server setting: its Cloudways field name, value type and, for text, the accepted shape.</summary>
/// <param name="Name">The field name <c>POST /server/manage/settings</c> takes, e.g. memory_limit.</param>
/// <param name="Kind">The type of value.</param>
/// <param name="Meaning">What it sets, with its unit, for errors and docs.</param>
/// <param name="Pattern">For <see cref="ServerSettingKind.Text"/>: the accepted shape.</param>
/// <param name="Example">For <see cref="ServerSettingKind.Text"/>: an accepted value, for errors.</param>
internal sealed record ServerSetting(string Name, ServerSettingKind Kind, string Meaning, Regex? Pattern = null, string? Example = null)
{
    /// <summary>Null when <paramref name="value"/> is acceptable; otherwise what is wrong and what is accepted.</summary>
    public string? Check(string value) => Kind switch
    {
        ServerSettingKind.Number => long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1
            ? null
            : $"setting {Name} ({Meaning}) takes a whole number of at least 1, not '{value}'.",
        ServerSettingKind.Switch => value is "enable" or "disable" ? null : $"setting {Name} ({Meaning}) takes enable or disable, not '{value}'.",
        ServerSettingKind.OnOff => value is "On" or "Off" ? null : $"setting {Name} ({Meaning}) takes On or Off, not '{value}'.",
        _ => Pattern!.IsMatch(value) ? null : $"setting {Name} ({Meaning}) does not take '{value}'; e.g. {Example}.",
    };
}
