namespace Bastion.Providers.WebOps.Security;

/// <summary>A scan type WebOps records (<c>SecurityScan.scan_type</c>).</summary>
internal enum ScanType
{
    Malware,
    Vulnerability,
    Compliance,
    Configuration,
    AccessControl,
    BackupVerification,
    Comprehensive,
}
