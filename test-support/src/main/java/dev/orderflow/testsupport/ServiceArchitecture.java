package dev.orderflow.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules every service follows (ADR 3), one set for all three (that no service uses another's code is held by
 * Maven: no service module depends on another). Include it with
 * {@code @ArchTest static final ArchTests service = ArchTests.in(ServiceArchitecture.class);} in a test class that
 * imports the service's own classes ({@code @AnalyzeClasses(packages = "dev.orderflow.<service>")}).
 */
public final class ServiceArchitecture {

    private static final String WEB = "dev.orderflow.*.web..";
    private static final String MESSAGING = "dev.orderflow.*.messaging..";
    private static final String DOMAIN = "dev.orderflow.*.domain..";
    private static final String CONFIG = "dev.orderflow.*.config..";

    /** One package per role; every layer must hold classes ({@code layeredArchitecture} fails on an empty one). */
    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Web").definedBy(WEB)
            .layer("Messaging").definedBy(MESSAGING)
            .layer("Domain").definedBy(DOMAIN)
            .layer("Config").definedBy(CONFIG)
            .whereLayer("Web").mayNotBeAccessedByAnyLayer()
            .whereLayer("Messaging").mayNotBeAccessedByAnyLayer()
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Web", "Messaging", "Config")
            .whereLayer("Config").mayNotBeAccessedByAnyLayer();

    @ArchTest
    static final ArchRule domainKnowsNeitherKafkaNorTheWeb = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..",
                    "dev.orderflow.events.kafka..", "dev.orderflow.messaging.batch..", "org.springframework.web..",
                    "jakarta.servlet..");

    /**
     * The Kafka plumbing (listeners, error handling, dead letters, observations, sending) is the messaging core's: a
     * service hands it a {@code BatchHandler} and appends to its {@code Outbox}, and declares its topics.
     */
    @ArchTest
    static final ArchRule plumbingStaysInTheCore = noClasses().that().resideInAPackage("dev.orderflow.*..")
            .and().resideOutsideOfPackage("dev.orderflow.messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.kafka.annotation..",
                    "org.springframework.kafka.listener..", "org.springframework.kafka.support..",
                    "org.apache.kafka.clients.producer..", "org.apache.kafka.clients.consumer..")
            .orShould().dependOnClassesThat().haveSimpleName("KafkaTemplate")
            .because("the outbox relay and the batch listener are written once, in messaging-core");

    private ServiceArchitecture() {
    }
}
