# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'account_summary.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QFrame, QHBoxLayout, QHeaderView,
    QLabel, QSizePolicy, QTableView, QVBoxLayout,
    QWidget)

class Ui_AccountSummaryDialog(object):
    def setupUi(self, AccountSummaryDialog):
        if not AccountSummaryDialog.objectName():
            AccountSummaryDialog.setObjectName(u"AccountSummaryDialog")
        AccountSummaryDialog.resize(820, 470)
        self.mainLayout = QVBoxLayout(AccountSummaryDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(20, 16, 20, 16)
        self.titleLabel = QLabel(AccountSummaryDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.mainLayout.addWidget(self.titleLabel)

        self.patientLabel = QLabel(AccountSummaryDialog)
        self.patientLabel.setObjectName(u"patientLabel")
        self.patientLabel.setText(u"")
        self.patientLabel.setWordWrap(True)
        self.patientLabel.setProperty(u"role", u"welcome")

        self.mainLayout.addWidget(self.patientLabel)

        self.cards = QWidget(AccountSummaryDialog)
        self.cards.setObjectName(u"cards")
        self.cardsLayout = QHBoxLayout(self.cards)
        self.cardsLayout.setSpacing(12)
        self.cardsLayout.setObjectName(u"cardsLayout")
        self.cardsLayout.setContentsMargins(0, 0, 0, 0)
        self.insuranceCard = QFrame(self.cards)
        self.insuranceCard.setObjectName(u"insuranceCard")
        self.insuranceCard.setProperty(u"role", u"card")
        self.insuranceLayout = QVBoxLayout(self.insuranceCard)
        self.insuranceLayout.setSpacing(2)
        self.insuranceLayout.setObjectName(u"insuranceLayout")
        self.insuranceLayout.setContentsMargins(14, 10, 14, 10)
        self.insuranceValue = QLabel(self.insuranceCard)
        self.insuranceValue.setObjectName(u"insuranceValue")
        self.insuranceValue.setProperty(u"role", u"factValue")

        self.insuranceLayout.addWidget(self.insuranceValue)

        self.insuranceCaption = QLabel(self.insuranceCard)
        self.insuranceCaption.setObjectName(u"insuranceCaption")
        self.insuranceCaption.setWordWrap(True)
        self.insuranceCaption.setProperty(u"role", u"hint")

        self.insuranceLayout.addWidget(self.insuranceCaption)


        self.cardsLayout.addWidget(self.insuranceCard)

        self.patientCard = QFrame(self.cards)
        self.patientCard.setObjectName(u"patientCard")
        self.patientCard.setProperty(u"role", u"card")
        self.patientLayout = QVBoxLayout(self.patientCard)
        self.patientLayout.setSpacing(2)
        self.patientLayout.setObjectName(u"patientLayout")
        self.patientLayout.setContentsMargins(14, 10, 14, 10)
        self.patientValue = QLabel(self.patientCard)
        self.patientValue.setObjectName(u"patientValue")
        self.patientValue.setProperty(u"role", u"factValue")

        self.patientLayout.addWidget(self.patientValue)

        self.patientCaption = QLabel(self.patientCard)
        self.patientCaption.setObjectName(u"patientCaption")
        self.patientCaption.setWordWrap(True)
        self.patientCaption.setProperty(u"role", u"hint")

        self.patientLayout.addWidget(self.patientCaption)


        self.cardsLayout.addWidget(self.patientCard)

        self.creditCard = QFrame(self.cards)
        self.creditCard.setObjectName(u"creditCard")
        self.creditCard.setProperty(u"role", u"card")
        self.creditLayout = QVBoxLayout(self.creditCard)
        self.creditLayout.setSpacing(2)
        self.creditLayout.setObjectName(u"creditLayout")
        self.creditLayout.setContentsMargins(14, 10, 14, 10)
        self.creditValue = QLabel(self.creditCard)
        self.creditValue.setObjectName(u"creditValue")
        self.creditValue.setProperty(u"role", u"factValue")

        self.creditLayout.addWidget(self.creditValue)

        self.creditCaption = QLabel(self.creditCard)
        self.creditCaption.setObjectName(u"creditCaption")
        self.creditCaption.setWordWrap(True)
        self.creditCaption.setProperty(u"role", u"hint")

        self.creditLayout.addWidget(self.creditCaption)


        self.cardsLayout.addWidget(self.creditCard)

        self.owesCard = QFrame(self.cards)
        self.owesCard.setObjectName(u"owesCard")
        self.owesCard.setProperty(u"role", u"card")
        self.owesLayout = QVBoxLayout(self.owesCard)
        self.owesLayout.setSpacing(2)
        self.owesLayout.setObjectName(u"owesLayout")
        self.owesLayout.setContentsMargins(14, 10, 14, 10)
        self.owesValue = QLabel(self.owesCard)
        self.owesValue.setObjectName(u"owesValue")
        self.owesValue.setProperty(u"role", u"factValue")

        self.owesLayout.addWidget(self.owesValue)

        self.owesCaption = QLabel(self.owesCard)
        self.owesCaption.setObjectName(u"owesCaption")
        self.owesCaption.setWordWrap(True)
        self.owesCaption.setProperty(u"role", u"hint")

        self.owesLayout.addWidget(self.owesCaption)


        self.cardsLayout.addWidget(self.owesCard)


        self.mainLayout.addWidget(self.cards)

        self.detailsLabel = QLabel(AccountSummaryDialog)
        self.detailsLabel.setObjectName(u"detailsLabel")
        self.detailsLabel.setText(u"")
        self.detailsLabel.setWordWrap(True)
        self.detailsLabel.setTextFormat(Qt.RichText)

        self.mainLayout.addWidget(self.detailsLabel)

        self.encountersTitle = QLabel(AccountSummaryDialog)
        self.encountersTitle.setObjectName(u"encountersTitle")
        self.encountersTitle.setProperty(u"role", u"section")

        self.mainLayout.addWidget(self.encountersTitle)

        self.encountersTable = QTableView(AccountSummaryDialog)
        self.encountersTable.setObjectName(u"encountersTable")
        self.encountersTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.encountersTable.setAlternatingRowColors(True)
        self.encountersTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.encountersTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.encountersTable.setTabKeyNavigation(False)
        self.encountersTable.setMaximumSize(QSize(16777215, 150))

        self.mainLayout.addWidget(self.encountersTable)

        self.buttons = QDialogButtonBox(AccountSummaryDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Close)

        self.mainLayout.addWidget(self.buttons)

        QWidget.setTabOrder(self.encountersTable, self.buttons)

        self.retranslateUi(AccountSummaryDialog)

        QMetaObject.connectSlotsByName(AccountSummaryDialog)
    # setupUi

    def retranslateUi(self, AccountSummaryDialog):
        AccountSummaryDialog.setWindowTitle(QCoreApplication.translate("AccountSummaryDialog", u"Account summary", None))
        self.titleLabel.setText(QCoreApplication.translate("AccountSummaryDialog", u"Account summary", None))
        self.insuranceValue.setText(QCoreApplication.translate("AccountSummaryDialog", u"\u2014", None))
        self.insuranceCaption.setText(QCoreApplication.translate("AccountSummaryDialog", u"Due from insurance", None))
        self.patientValue.setText(QCoreApplication.translate("AccountSummaryDialog", u"\u2014", None))
        self.patientCaption.setText(QCoreApplication.translate("AccountSummaryDialog", u"Patient's share", None))
        self.creditValue.setText(QCoreApplication.translate("AccountSummaryDialog", u"\u2014", None))
        self.creditCaption.setText(QCoreApplication.translate("AccountSummaryDialog", u"Credit on account (copays, prepayments)", None))
        self.owesValue.setText(QCoreApplication.translate("AccountSummaryDialog", u"\u2014", None))
        self.owesCaption.setText(QCoreApplication.translate("AccountSummaryDialog", u"Patient owes now", None))
        self.encountersTitle.setText(QCoreApplication.translate("AccountSummaryDialog", u"Open encounters (charges not yet finalized)", None))
#if QT_CONFIG(accessibility)
        self.encountersTable.setAccessibleName(QCoreApplication.translate("AccountSummaryDialog", u"Open encounters", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

