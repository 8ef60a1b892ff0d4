package io.kclient.embedded;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZonedDateTime;

/**
 * A certificate authority made in memory, for one cluster's TLS listener: it signs the broker's
 * certificate (for {@code localhost} and {@code 127.0.0.1}) and clients' certificates for mutual
 * TLS. EC P-256 keys, SHA-256 with ECDSA signatures, valid from a day ago for a year; written in
 * DER by hand ({@link Der}), so the in-process broker needs no certificate library.
 */
final class CertificateAuthority {

    private static final String EC = "EC";
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";

    private final SecureRandom random = new SecureRandom();
    private final KeyPair keys;
    private final byte[] name;
    private final X509Certificate certificate;

    /** A new authority whose self-signed certificate names it {@code commonName}. */
    CertificateAuthority(String commonName) throws GeneralSecurityException {
        this.keys = newKeyPair();
        this.name = name(commonName);
        // a CA: it may sign certificates (keyCertSign and cRLSign, the 6th and 7th bits)
        this.certificate = sign(name, keys, Der.sequence(
                extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true))),
                extension(KEY_USAGE, true, Der.bitString(new byte[] {0x06}, 1))));
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** A key pair and its certificate issued by this authority, the broker's naming this machine. */
    Issued issue(String commonName, boolean forThisMachine) throws GeneralSecurityException {
        KeyPair subject = newKeyPair();
        byte[] extensions = forThisMachine ? Der.sequence(extension(SUBJECT_ALT_NAME, false, Der.sequence(
                Der.implicit(2, Ports.HOST.getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                Der.implicit(7, InetAddress.getLoopbackAddress().getAddress())))) : null;
        return new Issued(subject, sign(name(commonName), subject, extensions), certificate);
    }

    /**
     * A key pair with its certificate and the authority's.
     *
     * @param keys the subject's key pair
     * @param certificate the subject's certificate
     * @param issuer the authority's certificate, the rest of the chain
     */
    record Issued(KeyPair keys, X509Certificate certificate, X509Certificate issuer) {
    }

    /** The certificate of {@code subject}'s public key, named {@code subjectName}, signed by this authority. */
    private X509Certificate sign(byte[] subjectName, KeyPair subject, byte[] extensions) throws GeneralSecurityException {
        ZonedDateTime now = ZonedDateTime.now();
        byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)), // v3
                Der.integer(new BigInteger(63, random)),
                algorithm,
                name,
                Der.sequence(Der.utcTime(now.minusDays(1)), Der.utcTime(now.plusYears(1))),
                subjectName,
                subject.getPublic().getEncoded(), // SubjectPublicKeyInfo, as the JDK encodes it
                extensions == null ? new byte[0] : Der.explicit(3, extensions));
        Signature signer = Signature.getInstance(SIGNATURE);
        signer.initSign(keys.getPrivate());
        signer.update(tbs);
        byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signer.sign(), 0));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8String(commonName))));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(EC);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
