namespace Bastion.Ssh.Tests;

/// <summary>Tests that share the one SSH fleet; they run one class at a time.</summary>
[CollectionDefinition("fleet")]
public sealed class FleetCollection : ICollectionFixture<SshFleet>;
