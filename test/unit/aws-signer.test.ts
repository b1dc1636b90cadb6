import { describe, expect, it } from 'vitest';
import { awsSigner } from '../../shared/platform/aws/aws-signer';

describe('the SigV4 signer of the AWS adapters', () => {
  it('signs an S3 request as AWS’s own worked example does (GET Object, “Signature Calculations” of the S3 API reference)', async () => {
    // Prepare: the example's credentials, bucket, object, range and time
    const signer = awsSigner('s3', 'us-east-1', {
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    });

    // Act
    const signed = await signer.sign(
      {
        method: 'GET',
        protocol: 'https:',
        hostname: 'examplebucket.s3.amazonaws.com',
        path: '/test.txt',
        query: {},
        headers: { host: 'examplebucket.s3.amazonaws.com', range: 'bytes=0-9' },
      },
      { signingDate: new Date('2013-05-24T00:00:00Z') },
    );

    // Assess
    expect(signed.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('refuses to sign without credentials in the environment', () => {
    expect(() => awsSigner('sqs', 'eu-central-1', {})).toThrow(/No AWS credentials/);
  });
});
