import Testing

@Suite struct CLISmokeTests {
    @Test func placeholderSuiteCompiles() { #expect(Bool(true)) }
}
