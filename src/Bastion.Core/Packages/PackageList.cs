using System.ComponentModel;
using Bastion.Core.Linux;

namespace Bastion.Core.Packages;

/// <summary>Installed packages of a host.</summary>
public sealed record PackageList(
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("Package manager that was read: dpkg, rpm or apk; null when none was found.")] string? Manager,
    [property: Description("Packages installed in all.")] int Installed,
    [property: Description("Packages that matched the filter.")] int Total,
    [property: Description("Matching packages by name, at most limit.")] IReadOnlyList<InstalledPackage> Packages,
    [property: Description("True when more packages matched than were returned.")] bool Truncated,
    [property: Description("Why the list is empty or incomplete, in words; null when it is not.")] string? Note);
