"""Notices, for every kind: when a notice is deemed given, and to whom it must go.

A term sheet's optional `notices:` clause lists the methods the agreement allows, each with the
rule by which a notice sent that way is deemed given, and the recipients with their copies:

    notices:
      methods:
        mail:
          title: registered first-class mail
          deemed_given: {value: business_days, cite: "five (5) business days after ..."}
          business_days: {value: 5, cite: "five (5) business days after ..."}
      recipients:
        - {id: company, party: the Company, name: Innotrac Corporation, lines: [...], cite: ...}

Business days are the agreement's calendar. A notice is never moved off a weekend or holiday
unless its rule counts business days. The same rules serve `pactum notice` and the `notice`
events of `events.yaml`, whatever the agreement's kind.
"""
