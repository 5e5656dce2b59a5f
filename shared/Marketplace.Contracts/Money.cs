namespace Marketplace.Contracts;

/// <summary>An amount in minor units (cents) of an ISO 4217 currency. Never a floating-point number.</summary>
public readonly record struct Money(long Minor, string Currency);
